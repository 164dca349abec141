"""The build stage: read → render → PDF copies → packages (stages.py, in that order), between the renderers below it
and the commands above it. The core reports through outcome.Progress; console.py shows it on a terminal."""
