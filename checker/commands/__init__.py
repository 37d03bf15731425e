"""The subcommands of `checker`, one module each; `checker.cli` assembles them."""
