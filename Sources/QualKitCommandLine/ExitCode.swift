/// Process exit statuses, from sysexits(3).
package enum ExitCode: Int32 {
    case ok = 0
    case usage = 64
    case dataError = 65
    case noInput = 66
    case software = 70
    case cannotCreate = 73
    /// EX_IOERR: a read or write failed (a full disk, standard output closed).
    case ioError = 74
    /// EX_TEMPFAIL: try again later (another command holds the study's lock).
    case tempFail = 75
    /// EX_NOPERM: the operating system refused access (a read-only study, a file of another user).
    case noPermission = 77
    /// 128 + SIGPIPE: the reader of standard output went away (`qualkit ... | head`); no message.
    case brokenPipe = 141
}
