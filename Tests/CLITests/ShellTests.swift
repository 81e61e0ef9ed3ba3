import Foundation
import Testing

/// The command shell: help, usage errors, suggestions, exit statuses.
@Suite struct ShellTests {
    @Test func helpListsEveryCommandGroup() throws {
        let box = try Sandbox()
        let result = try box.ok(["help"])
        for name in ["init", "demo", "protocol load", "protocol render"] {
            #expect(result.stdout.contains(name))
        }
        #expect(try box.run([]).stdout == result.stdout)
    }

    @Test(arguments: [["help", "protocol", "load"], ["protocol", "load", "--help"], ["protocol", "load", "-h"]])
    func commandHelpShowsUsageOptionsAndExample(_ words: [String]) throws {
        let box = try Sandbox()
        let result = try box.ok(words)
        #expect(result.stdout.contains("USAGE: qualkit protocol load <file>..."))
        #expect(result.stdout.contains("--db <path>"))
        #expect(result.stdout.contains("EXAMPLES:\n  qualkit protocol load protocols/talking-change.md"))
        #expect(result.stderr.isEmpty)
    }

    @Test func versionPrintsVersionAndSchema() throws {
        let result = try Sandbox().ok(["--version"])
        #expect(result.stdout.hasPrefix("qualkit "))
        #expect(result.stdout.contains("study schema"))
    }

    @Test func misspeltCommandSuggestsTheClosest() throws {
        let result = try Sandbox().run(["protocol", "laod", "x.md"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Error: Unknown command 'laod' for 'qualkit protocol'. Did you mean 'load'?"))
        #expect(result.stdout.isEmpty)
    }

    @Test func misspeltTopLevelCommandSuggestsTheClosest() throws {
        let result = try Sandbox().run(["protcol", "list"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Did you mean 'protocol'?"))
    }

    @Test func misspeltOptionSuggestsTheClosest() throws {
        let result = try Sandbox().run(["protocol", "list", "--fromat", "json"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("Error: Unknown option '--fromat'. Did you mean '--format'?"))
        #expect(result.stderr.contains("USAGE: qualkit protocol list"))
    }

    @Test func badValueNamesOptionAndChoices() throws {
        let result = try Sandbox().run(["protocol", "list", "--format", "xml"])
        #expect(result.status == 64)
        #expect(
            result.stderr.contains(
                "The value 'xml' is invalid for '--format <format>': expected one of table, json, csv."))
    }

    @Test func missingArgumentAndValueAreUsageErrors() throws {
        let box = try Sandbox()
        let missing = try box.run(["protocol", "load"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("Missing expected argument '<file>'"))
        let noValue = try box.run(["protocol", "list", "--format"])
        #expect(noValue.status == 64)
        #expect(noValue.stderr.contains("Missing value for '--format <format>'"))
        let extra = try box.run(["status", "surplus"])
        #expect(extra.status == 64)
        #expect(extra.stderr.contains("Unexpected argument 'surplus'"))
        let twice = try box.run(["protocol", "list", "--format", "json", "--format", "csv"])
        #expect(twice.status == 64)
        #expect(twice.stderr.contains("'--format' was given more than once"))
    }

    @Test func groupWithoutSubcommandListsThem() throws {
        let result = try Sandbox().run(["protocol"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("needs a subcommand: check, load, list, show, diff, render"))
    }

    @Test func dbOptionWorksBeforeTheCommand() throws {
        let box = try Sandbox()
        let path = box.directory.appendingPathComponent("other.sqlite").path
        try box.ok(["--db", path, "init"])
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try box.ok(["--db=\(path)", "status"]).stdout.contains("other.sqlite"))
    }
}
