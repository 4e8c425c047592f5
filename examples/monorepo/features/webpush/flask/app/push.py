import os

from flask import Blueprint, jsonify, request
from pywebpush import webpush

push_blueprint = Blueprint("push", __name__)
SUBSCRIPTIONS: list[dict] = []


@push_blueprint.post("/subscribe")
def subscribe():
    SUBSCRIPTIONS.append(request.get_json())
    return jsonify(ok=True), 201


@push_blueprint.post("/notify")
def notify():
    message = request.get_json().get("message", "")
    for subscription in SUBSCRIPTIONS:
        webpush(subscription, message, vapid_private_key=os.environ["VAPID_PRIVATE_KEY"])
    return jsonify(sent=len(SUBSCRIPTIONS))
