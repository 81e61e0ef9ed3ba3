import Foundation
import QualKitCommandLine

// Benchmarks on generated data, outside the users' binary. Build in release mode for real figures:
// `swift run -c release qualkit-bench match`.
let environment = ProcessInfo.processInfo.environment
let tool = CommandLineTool(
    name: "qualkit-bench", version: "0.1.0",
    about: "benchmarks of qualkit on seeded, generated data\n(run with swift run -c release qualkit-bench ...).",
    sections: [CommandSection("Benchmarks", BenchCommands.all)], console: Console(environment: environment),
    environment: environment)
exit(tool.run(Array(CommandLine.arguments.dropFirst())).rawValue)
