import Foundation
import QualKitCommandLine

// The executable only parses arguments and prints; everything else is in the QualKit library.
let environment = ProcessInfo.processInfo.environment
let status = CommandTable.tool(console: Console(environment: environment), environment: environment)
    .run(Array(CommandLine.arguments.dropFirst()))
exit(status.rawValue)
