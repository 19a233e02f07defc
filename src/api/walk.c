/* Directory walks shared by the article walk (cli) and the rule directory
 * walk (api): sorted, hidden entries skipped, symbolic links followed except
 * back into a directory the walk is already inside. */
#include "claimlint.h"

#include "base/base.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define WALK_MAX_DEPTH 128

typedef struct walk_dir {
    dev_t dev;
    ino_t ino;
    const struct walk_dir *up;
} walk_dir;

static int name_cmp(const void *a, const void *b)
{
    /* Past the type byte in front of each name. */
    return strcmp(*(char *const *)a + 1, *(char *const *)b + 1);
}

static bool walk(const char *dir, const walk_dir *here, int depth, const cl_walk_ops *ops, void *arg)
{
    if (depth > WALK_MAX_DEPTH) {
        ops->error(dir, "directories nested too deeply", ELOOP, arg);
        return false;
    }
    DIR *d = opendir(dir);
    if (!d) {
        ops->error(dir, "cannot open directory", errno, arg);
        return false;
    }
    cl_vec names = {0};
    struct dirent *e;
    /* Each name is kept behind one byte saying whether readdir already
     * knows it is a regular file: those need no stat(), which is most of
     * the cost of walking a large corpus. Directories are still stat()ed
     * for their device and inode, links and unknown types for what they
     * are. */
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.')
            cl_vec_push(&names, cl_strfmt("%c%s", e->d_type == DT_REG ? 'f' : '?', e->d_name));
    closedir(d);
    if (names.len)
        qsort(names.items, names.len, sizeof *names.items, name_cmp);
    bool ok = true;
    size_t n = strlen(dir);
    for (size_t i = 0; i < names.len; i++) {
        const char *name = (const char *)names.items[i] + 1;
        bool regular = ((const char *)names.items[i])[0] == 'f';
        if (regular && ops->want && !ops->want(name)) {
            free(names.items[i]);
            continue;
        }
        char *path = cl_strfmt("%s%s%s", dir, n && dir[n - 1] == '/' ? "" : "/", name);
        struct stat st;
        if (regular) {
            ops->file(path, arg);
        } else if (stat(path, &st) != 0) {
            ops->error(path, NULL, errno, arg);
            ok = false;
        } else if (S_ISDIR(st.st_mode)) {
            bool loop = false;
            for (const walk_dir *w = here; w && !loop; w = w->up)
                loop = w->dev == st.st_dev && w->ino == st.st_ino;
            walk_dir sub = {st.st_dev, st.st_ino, here};
            if (!loop)
                ok &= walk(path, &sub, depth + 1, ops, arg);
        } else if (S_ISREG(st.st_mode) && (!ops->want || ops->want(name))) {
            ops->file(path, arg);
        }
        free(path);
        free(names.items[i]);
    }
    cl_vec_free(&names);
    return ok;
}

bool cl_walk(const char *dir, const cl_walk_ops *ops, void *arg)
{
    struct stat st;
    if (stat(dir, &st) != 0) {
        ops->error(dir, NULL, errno, arg);
        return false;
    }
    walk_dir top = {st.st_dev, st.st_ino, NULL};
    return walk(dir, &top, 0, ops, arg);
}
