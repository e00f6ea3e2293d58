// Times one process for Scripts/bench, in microseconds where /usr/bin/time gives hundredths of a
// second (too coarse for a run of 5 ms, or for the CPU ratio of one of 0.13 s) and costs a
// millisecond or two of its own to start.
//
//   cc -O2 -o timed timed.c
//   timed RESULT COMMAND [ARGUMENT...]
//
// Runs COMMAND with this process's standard input, output and error, waits for it, and writes
// one line to the file RESULT: wall time, user time and system time in seconds (six decimals),
// peak resident set in KiB, and the exit status (128 + N when killed by signal N). Wall time
// runs from just before the fork to the end of wait4, as a shell waiting for the command sees it.
// Exit status: COMMAND's, as in RESULT; 127 when it cannot be started, 2 on bad arguments.
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double seconds(struct timeval t) { return (double)t.tv_sec + (double)t.tv_usec / 1e6; }

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: timed RESULT COMMAND [ARGUMENT...]\n");
    return 2;
  }
  FILE *result = fopen(argv[1], "w");
  if (!result) {
    fprintf(stderr, "timed: cannot write %s: %s\n", argv[1], strerror(errno));
    return 2;
  }
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  pid_t child = fork();
  if (child < 0) {
    fprintf(stderr, "timed: fork: %s\n", strerror(errno));
    return 127;
  }
  if (child == 0) {
    fclose(result);
    execvp(argv[2], argv + 2);
    fprintf(stderr, "timed: cannot run %s: %s\n", argv[2], strerror(errno));
    _exit(127);
  }
  int status = 0;
  struct rusage usage;
  while (wait4(child, &status, 0, &usage) < 0) {
    if (errno != EINTR) {
      fprintf(stderr, "timed: wait4: %s\n", strerror(errno));
      return 127;
    }
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  double wall = (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
  int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  fprintf(result, "%.6f %.6f %.6f %ld %d\n", wall, seconds(usage.ru_utime), seconds(usage.ru_stime),
          usage.ru_maxrss, code);
  if (fclose(result) != 0) {
    fprintf(stderr, "timed: cannot write %s: %s\n", argv[1], strerror(errno));
    return 2;
  }
  return code;
}
