// Sockets: only AF_UNIX may be created. AF_VSOCK is not namespaced and reaches the hypervisor; netlink, packet,
// crypto (AF_ALG) and even AF_INET/AF_INET6 sockets must fail with EAFNOSUPPORT, also when the family is passed
// with high bits set (the kernel reads an int, the filter compares all 64 bits).
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <sys/socket.h>
#ifndef AF_VSOCK
#define AF_VSOCK 40
#endif
static void family_must_fail(long family, const char* name) {
    long r = syscall(SYS_socket, family, (long)SOCK_DGRAM, 0L);
    if (r >= 0) {
        fprintf(stderr, "ESCAPE: socket(%s) created fd %ld\n", name, r);
        hostile_escapes++;
        close((int)r);
    } else if (errno != EAFNOSUPPORT) {
        fprintf(stderr, "ESCAPE: socket(%s) failed with %s, not EAFNOSUPPORT\n", name, strerror(errno));
        hostile_escapes++;
    } else {
        fprintf(stderr, "held: socket(%s) refused\n", name);
    }
    int pair[2];
    r = syscall(SYS_socketpair, family, (long)SOCK_STREAM, 0L, pair);
    if (r == 0) {
        fprintf(stderr, "ESCAPE: socketpair(%s) succeeded\n", name);
        hostile_escapes++;
    }
}
int main(void) {
    family_must_fail(AF_VSOCK, "AF_VSOCK");
    family_must_fail(0x100000000L | AF_VSOCK, "AF_VSOCK with high bits");
    family_must_fail(AF_NETLINK, "AF_NETLINK");
    family_must_fail(AF_PACKET, "AF_PACKET");
    family_must_fail(AF_ALG, "AF_ALG");
    family_must_fail(AF_INET, "AF_INET");
    family_must_fail(AF_INET6, "AF_INET6");
    family_must_fail(AF_UNSPEC, "AF_UNSPEC");
    family_must_fail(-1L, "-1");
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) {
        fprintf(stderr, "socketpair(AF_UNIX) must work for runtimes: %s\n", strerror(errno));
        return 2;
    }
    return hostile_verdict();
}
