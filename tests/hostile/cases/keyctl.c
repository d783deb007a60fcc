// The kernel keyrings are not namespaced: a box could read or fill keys shared with the host user.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
#include <linux/keyctl.h>
int main(void) {
    MUST_FAIL(syscall(SYS_add_key, "user", "khue-hostile", "x", 1, KEY_SPEC_SESSION_KEYRING));
    MUST_FAIL(syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, "khue-hostile"));
    MUST_FAIL(syscall(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_USER_KEYRING, 0));
    MUST_FAIL(syscall(SYS_request_key, "user", "khue-hostile", NULL, 0));
    return hostile_verdict();
}
