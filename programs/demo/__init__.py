"""The fictional demo university (Älvstads universitet) behind `manage.py seed_demo`.

`data.py` and `programmes.py` hold it as plain data, `build.py` writes it through the
services, so the demo exercises the same validation and history as the web pages.
"""
