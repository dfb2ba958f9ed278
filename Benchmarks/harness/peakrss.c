/* Runs a command and reports its own peak resident memory, not the caller's.

   Why: on Linux a forked child's ru_maxrss starts from its parent's resident size (exec records
   the old address space's high-water mark), so a child forked by a large harness reports the
   harness's size whenever it is itself smaller. This launcher is tiny: the command it forks
   starts from the launcher's few hundred KiB, so wait4's ru_maxrss is the command's own.

   Build: cc -O2 -o peakrss peakrss.c
   Run:   peakrss REPORT_FILE COMMAND [ARG...]
   Writes "<peak KiB> <exit code>" to REPORT_FILE (exit code 128+N for a signal N), then exits
   with the command's exit code. Benchmarks/compare checks it with a program of known size
   (`compare.py --check-memory`). */
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: peakrss REPORT_FILE COMMAND [ARG...]\n");
        return 2;
    }
    pid_t child = fork();
    if (child < 0) { perror("fork"); return 2; }
    if (child == 0) {
        execvp(argv[2], argv + 2);
        perror(argv[2]);
        _exit(127);
    }
    int status = 0;
    struct rusage usage;
    if (wait4(child, &status, 0, &usage) < 0) { perror("wait4"); return 2; }
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    FILE *report = fopen(argv[1], "w");
    if (!report) { perror(argv[1]); return 2; }
    fprintf(report, "%ld %d\n", usage.ru_maxrss, code);
    if (fclose(report) != 0) { perror(argv[1]); return 2; }
    return code;
}
