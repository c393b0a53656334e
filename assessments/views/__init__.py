"""Compass pages, split by page family: compass (programme compass), rounds (compass rounds,
målbild, actions), dashboard (SAM and faculty overviews). URLs import the modules."""
