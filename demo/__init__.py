"""The top layer: the demo university (`seed_demo`) and the synthetic benchmark university
(`benchmark`). It may import every app; no app imports it (tests/test_layers.py).
"""
