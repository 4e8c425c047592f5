from flask import Flask

from .push import push_blueprint


def create_app() -> Flask:
    app = Flask(__name__)
    app.register_blueprint(push_blueprint)
    return app
