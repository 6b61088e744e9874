from logbook.cli import cli

cli(prog_name="logbook")
