import Foundation
import QualKit

/// Wall-clock timing and peak memory for benchmarks.
enum BenchmarkClock {
    /// Runs `body` and returns its result with the seconds it took.
    static func time<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = try body()
        return (result, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }

    /// The process's peak resident memory so far, in MiB.
    static func peakMemoryMiB() -> Double {
        var usage = rusage()
        #if os(Linux)
            getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
            getrusage(RUSAGE_SELF, &usage)
        #endif
        #if os(Linux)
            return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
        #else
            return Double(usage.ru_maxrss) / 1_048_576  // bytes on macOS
        #endif
    }
}
