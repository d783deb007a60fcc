#!/bin/sh
# Exit codes above 127 from a shell must not be mistaken for signals.
# khue-expect: status=exited exit_code=200
exit 200
