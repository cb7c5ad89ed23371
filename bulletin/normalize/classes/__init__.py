"""Normalizer classes: one module per kind of written span, each exposing `RULES`."""
