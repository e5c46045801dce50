"""The benchmark harness: ``python -m scripts.bench`` runs every measurement, each in its own interpreter.

See :mod:`scripts.bench.run` for the options and :mod:`scripts.bench.common` for what the
measurements share.
"""
