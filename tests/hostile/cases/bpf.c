// bpf(): map and program creation (the verifier is a classic privilege-escalation surface).
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <linux/bpf.h>
int main(void) {
    union bpf_attr map;
    memset(&map, 0, sizeof map);
    map.map_type = BPF_MAP_TYPE_ARRAY;
    map.key_size = 4;
    map.value_size = 8;
    map.max_entries = 1;
    MUST_FAIL(syscall(SYS_bpf, BPF_MAP_CREATE, &map, sizeof map));
    struct bpf_insn prog[] = {{.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = 0, .imm = 0},
                              {.code = BPF_JMP | BPF_EXIT}};
    union bpf_attr load;
    memset(&load, 0, sizeof load);
    load.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
    load.insns = (unsigned long)prog;
    load.insn_cnt = 2;
    load.license = (unsigned long)"GPL";
    MUST_FAIL(syscall(SYS_bpf, BPF_PROG_LOAD, &load, sizeof load));
    return hostile_verdict();
}
