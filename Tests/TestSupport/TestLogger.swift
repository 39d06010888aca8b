import Logging

extension Logger {
    /// A logger for servers and clients that tests run in process: warnings and errors go to standard error, info
    /// and debug lines are dropped, so the test runner's output is not interleaved with routine server logs.
    public static func forTests(_ label: String) -> Logger {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        return logger
    }
}
