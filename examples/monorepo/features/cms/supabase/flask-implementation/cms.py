import os

from supabase import create_client

client = create_client(os.environ["SUPABASE_URL"], os.environ["SUPABASE_KEY"])


def list_pages():
    return client.table("pages").select("*").execute().data
