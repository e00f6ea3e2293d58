import SoclintModel
import Testing

@Suite struct GlobTests {
  @Test func doubleStarMatchesWholeSegmentsIncludingNone() {
    let g = Glob("Controls/**/*.yaml")
    #expect(g.matches("Controls/owners.yaml"))
    #expect(g.matches("Controls/access/AC-01.yaml"))
    #expect(g.matches("Controls/a/b/c/AC-01.yaml"))
    #expect(!g.matches("Controls/access/AC-01.yml"))
    #expect(!g.matches("Other/AC-01.yaml"))
    #expect(g.literalPrefix == ["Controls"])
  }

  @Test func starAndQuestionStayInOneSegment() {
    #expect(Glob("Controls/*.yaml").matches("Controls/a.yaml"))
    #expect(!Glob("Controls/*.yaml").matches("Controls/x/a.yaml"))
    #expect(Glob("AC-0?.yaml").matches("AC-01.yaml"))
    #expect(!Glob("AC-0?.yaml").matches("AC-001.yaml"))
    #expect(Glob("é?.yaml").matches("éé.yaml"))
  }

  @Test func sets() {
    #expect(Glob("AC-0[123].yaml").matches("AC-02.yaml"))
    #expect(!Glob("AC-0[123].yaml").matches("AC-04.yaml"))
    #expect(Glob("AC-0[!123].yaml").matches("AC-04.yaml"))
    #expect(Glob("AC-0[1-5].yaml").matches("AC-05.yaml"))
    #expect(!Glob("AC-0[1-5].yaml").matches("AC-06.yaml"))
  }

  @Test func trailingDoubleStar() {
    #expect(Glob("evidence/**").matches("evidence/a/b.pdf"))
    #expect(Glob("**/*.pdf").matches("a.pdf"))
  }

  @Test func setsCompareCharactersNotBytes() {
    #expect(Glob("caf[é].yaml").matches("café.yaml"))
    #expect(Glob("[à-ü]x").matches("éx"))
    #expect(!Glob("[!é]x").matches("éx"))
    #expect(Glob("[!é]x").matches("ex"))
  }

  @Test func aTrailingSlashMatchesEverythingUnderTheFolder() {
    let g = Glob("Controls/drafts/")
    #expect(g.matches("Controls/drafts/AC-09.yaml"))
    #expect(g.matches("Controls/drafts/old/AC-10.yaml"))
    #expect(!g.matches("Controls/drafts"))
    #expect(!g.matches("Controls/draftsman.yaml"))
    #expect(!g.matches("Controls/AC-01.yaml"))
    #expect(g.literalPrefix == ["Controls", "drafts"])
  }

  /// Globs of the form `folder/**/*ending` take a shortcut; it must agree with the table on
  /// every path, whatever the form of the glob.
  @Test func shortcutAgreesWithTheTable() {
    let patterns = [
      "Controls/**/*.yaml", "**/*.yml", "a/b/**/*.yaml", "**/*", "Controls/**/*é.yaml", "x/**/*.yaml/",
      "Controls/*/*.yaml", "Controls/**/*.y?ml", "Controls/**/x*.yaml", "**/**/*.yaml", "é/**/*ü",
    ]
    let paths = [
      "Controls/a.yaml", "Controls/x/y/a.yaml", "Controls.yaml", "controls/a.yaml", "Controls", "Controls/",
      "Controls//a.yaml", "a.yaml", ".yaml", "Controls/.yaml", "Controls/a.yml", "Controls/a.yaml.bak",
      "a/b/c.yaml", "a/b/c/d/e.yaml", "a/bc.yaml", "Controls/aé.yaml", "Controls/ae\u{301}.yaml", "é/x/ü",
      "é/ü", "e\u{301}/x/ü", "x/a.yaml/b", "", "/", "Controls/a.yaml/", "/Controls/a.yaml",
    ]
    for pattern in patterns {
      let glob = Glob(pattern)
      for path in paths {
        #expect(glob.matches(path) == glob.matchesByTable(path), "\(pattern) on \(path)")
      }
    }
    // The patterns above include both forms, so that both paths are compared.
    #expect(patterns.filter { Glob($0).takesShortcut }.count == 7)
  }
}
