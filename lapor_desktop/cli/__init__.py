"""The command line. Kept empty so that `lapor_desktop.cli.output` is cheap to import."""
