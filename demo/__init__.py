"""The top layer: the fictional demo university and the synthetic benchmark university.

`manage.py seed_demo` reads the demo university (Älvstads universitet) from the TOML files in
`data/` (`loading.py`, into the shapes of `specs.py`) and writes it through the services
(`build.py`, `build_programs.py`), so the demo exercises the same validation and history as
the web pages. `manage.py benchmark` generates a university at scale (`benchmark/`) and
times it. This app may import every other app; none imports it (tests/test_layers.py).
"""
