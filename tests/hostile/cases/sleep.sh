#!/bin/sh
# A shell script that sleeps in a child process: the wall limit must end the whole tree.
# khue-args: --time 1 --wall-time 1
# khue-expect: status=wall_time_limit wall_time<3
sleep 60
