"""The bundled rule plugins, installed as `scriptlint_plugins` and registered through entry points."""
