import Foundation

// The executable only parses arguments and prints; everything else is in the QualKit library.
let console = Console(environment: ProcessInfo.processInfo.environment)
let status = CLI(console: console, environment: ProcessInfo.processInfo.environment)
    .run(Array(CommandLine.arguments.dropFirst()))
exit(status.rawValue)
