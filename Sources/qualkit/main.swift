import Foundation
import QualKitCommandLine

// The executable only parses arguments and prints; everything else is in the QualKit library.

// A reader that goes away (`qualkit participant list | head`) makes write(2) fail with EPIPE, which
// the console handles, instead of a signal that kills the process mid-command.
signal(SIGPIPE, SIG_IGN)
let environment = ProcessInfo.processInfo.environment
// The words as bytes: CommandLine.arguments would replace invalid UTF-8 with U+FFFD.
let words: [String?] = (1..<Int(CommandLine.argc)).map { index in
    CommandLine.unsafeArgv[index].flatMap { String(validatingCString: $0) }
}
let status = CommandTable.tool(console: Console(environment: environment), environment: environment)
    .run(rawWords: words)
exit(status.rawValue)
