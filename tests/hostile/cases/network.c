// No network: the runner listens on 127.0.0.1:{port} and on an abstract unix socket; connecting to either, or to
// an outside address, must fail at once (a fresh network namespace has no route), and nothing may be sent.
// khue-host: listener
// khue-args: --env PORT={port} --env ABSTRACT={abstract} --time 2 --wall-time 6
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
static void tcp_must_fail(const char* ip, int port) {
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    if (s < 0) {
        fprintf(stderr, "held: socket failed (%s)\n", strerror(errno));
        return;
    }
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port)};
    inet_pton(AF_INET, ip, &a.sin_addr);
    int r = connect(s, (struct sockaddr*)&a, sizeof a);
    if (r == 0 || errno == EINPROGRESS) {
        fprintf(stderr, "ESCAPE: connect %s:%d %s\n", ip, port, r == 0 ? "succeeded" : "is in progress (a route)");
        hostile_escapes++;
    } else {
        fprintf(stderr, "held: connect %s:%d failed (%s)\n", ip, port, strerror(errno));
    }
    close(s);
}
int main(void) {
    tcp_must_fail("127.0.0.1", atoi(getenv("PORT")));
    tcp_must_fail("1.1.1.1", 80);
    tcp_must_fail("10.0.2.2", 22);
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    if (u >= 0) {
        struct sockaddr_in dns = {.sin_family = AF_INET, .sin_port = htons(53)};
        inet_pton(AF_INET, "1.1.1.1", &dns.sin_addr);
        MUST_FAIL(sendto(u, "q", 1, 0, (struct sockaddr*)&dns, sizeof dns));
        close(u);
    }
    int x = socket(AF_UNIX, SOCK_STREAM, 0);
    if (x >= 0) {
        struct sockaddr_un un = {.sun_family = AF_UNIX};
        const char* name = getenv("ABSTRACT");
        memcpy(un.sun_path + 1, name, strlen(name));
        MUST_FAIL(connect(x, (struct sockaddr*)&un, (socklen_t)(sizeof(sa_family_t) + 1 + strlen(name))));
        close(x);
    }
    return hostile_verdict();
}
