// The baseline of Scripts/bench: what reading and parsing a controls repository costs with
// libyaml alone. Walks ROOT, reads every *.yaml and *.yml file (one read into one buffer, as
// soclint reads them) and parses it to events with libyaml's event API, on ONE thread, nothing
// else: no tree, no schema, no model, no rules.
//
//   cc -O2 -o yaml-events yaml-events.c $(pkg-config --cflags --libs yaml-0.1)
//   yaml-events ROOT      # prints: files BYTES events ERRORS
//
// Exit status: 0 when every file parsed, 1 when a file could not be read or parsed, 2 on bad
// arguments.
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

static unsigned char *buffer;
static size_t capacity;
static long files, bytes, events, errors;

static int has_yaml_extension(const char *name) {
  size_t n = strlen(name);
  return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) || (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static void parse_file(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) != 0) {
    fprintf(stderr, "yaml-events: cannot read %s: %s\n", path, strerror(errno));
    if (fd >= 0) close(fd);
    errors++;
    return;
  }
  size_t want = (size_t)st.st_size + 1;
  if (want > capacity) {
    capacity = want * 2;
    buffer = realloc(buffer, capacity);
    if (!buffer) { perror("yaml-events"); exit(1); }
  }
  size_t length = 0;
  for (;;) {
    if (length == capacity) {
      capacity *= 2;
      buffer = realloc(buffer, capacity);
      if (!buffer) { perror("yaml-events"); exit(1); }
    }
    ssize_t got = read(fd, buffer + length, capacity - length);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      fprintf(stderr, "yaml-events: cannot read %s: %s\n", path, strerror(errno));
      close(fd);
      errors++;
      return;
    }
    if (got == 0) break;
    length += (size_t)got;
  }
  close(fd);
  files++;
  bytes += (long)length;

  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, buffer, length);
  yaml_event_t event;
  for (;;) {
    if (!yaml_parser_parse(&parser, &event)) {
      fprintf(stderr, "yaml-events: %s:%zu:%zu: %s\n", path, parser.problem_mark.line + 1,
              parser.problem_mark.column + 1, parser.problem ? parser.problem : "parse error");
      errors++;
      break;
    }
    events++;
    int done = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (done) break;
  }
  yaml_parser_delete(&parser);
}

// Depth first, entries in directory order; hidden folders (.git and the like) are skipped,
// hidden files (.soclint.yaml) are not.
static void walk(const char *dir) {
  DIR *d = opendir(dir);
  if (!d) {
    fprintf(stderr, "yaml-events: cannot open %s: %s\n", dir, strerror(errno));
    errors++;
    return;
  }
  struct dirent *entry;
  size_t base = strlen(dir);
  while ((entry = readdir(d)) != NULL) {
    const char *name = entry->d_name;
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0) continue;
    size_t n = strlen(name);
    char *path = malloc(base + n + 2);
    if (!path) { perror("yaml-events"); exit(1); }
    memcpy(path, dir, base);
    path[base] = '/';
    memcpy(path + base + 1, name, n + 1);
    unsigned char type = entry->d_type;
    if (type == DT_UNKNOWN || type == DT_LNK) {
      struct stat st;
      type = stat(path, &st) == 0 ? (S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : 0) : 0;
    }
    if (type == DT_DIR && name[0] != '.') walk(path);
    else if (type == DT_REG && has_yaml_extension(name)) parse_file(path);
    free(path);
  }
  closedir(d);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: yaml-events ROOT\n");
    return 2;
  }
  walk(argv[1]);
  printf("%ld files %ld bytes %ld events %ld errors\n", files, bytes, events, errors);
  return errors ? 1 : 0;
}
