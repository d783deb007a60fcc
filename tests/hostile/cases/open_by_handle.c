// The "shocker" container escape: open_by_handle_at with a guessed handle opens any inode of a mounted file
// system, here the host's root folder behind /box. It needs CAP_DAC_READ_SEARCH and must fail.
// khue-expect: status=exited|signaled exit_code=0
#include "hostile.h"
int main(void) {
    struct {
        struct file_handle fh;
        unsigned char bytes[128];
    } h;
    memset(&h, 0, sizeof h);
    h.fh.handle_bytes = 128;
    int mount_id = 0;
    if (name_to_handle_at(AT_FDCWD, "/box", &h.fh, &mount_id, 0) != 0) {
        /* Refused (by the filter, probably); the handle format is known anyway. */
        fprintf(stderr, "held: name_to_handle_at failed (%s)\n", strerror(errno));
        h.fh.handle_type = 1; /* FILEID_INO32_GEN */
    }
    /* ext4 handles are {inode, generation}: inode 2 is the file system's root folder. */
    unsigned int root_inode[2] = {2, 0};
    memcpy(h.fh.f_handle, root_inode, sizeof root_inode);
    h.fh.handle_bytes = sizeof root_inode;
    int mount_fd = open("/box", O_RDONLY | O_DIRECTORY);
    MUST_FAIL(open_by_handle_at(mount_fd, &h.fh, O_RDONLY));
    return hostile_verdict();
}
