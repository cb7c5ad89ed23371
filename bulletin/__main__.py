"""`python -m bulletin` is the `bulletin` command."""

from .cli import main

main(prog_name="bulletin")
