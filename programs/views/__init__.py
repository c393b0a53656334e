"""Inventory views, one module per page family; urls.py imports the modules."""
