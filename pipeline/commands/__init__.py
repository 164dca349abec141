"""The core of each CLI command: plain functions the CLI calls and tests use directly."""
