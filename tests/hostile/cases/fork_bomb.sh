#!/bin/sh
# The shell fork bomb: the main shell returns at once, leaving pipelines of itself in the background. The run
# must end within its wall limit and take every background copy with it.
# khue-args: --processes 20 --time 1 --wall-time 2
# khue-expect: status!=sandbox_error
f() { f | f & }
f
wait
