"""Options shared by several commands, defined once."""

from __future__ import annotations

import click

from cleaner.source import DEFAULT_MAX_SIZE, InputError, format_size, parse_size


class SizeType(click.ParamType):
    """A size option: 500M, 2G, 64K or a number of bytes."""

    name = "SIZE"

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        try:
            return parse_size(str(value))
        except InputError as error:
            self.fail(str(error), param, ctx)


max_size_option = click.option(
    "--max-size", type=SizeType(), default=format_size(DEFAULT_MAX_SIZE).replace(" MiB", "M"),
    show_default=True, help="Refuse an input larger than this (500M, 2G …): /dev/zero never ends.")
