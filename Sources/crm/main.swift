// The entry point: a subcommand by its name (`crm seed ...`), else the shell.
#if canImport(Glibc)
    import Glibc
#endif

// A closed pipe (`crm db < script | head`) ends the output quietly instead of killing the
// process mid-statement: writes then fail and are dropped (see OutputChannel).
signal(SIGPIPE, SIG_IGN)
// Past a file-size limit (`ulimit -f`) a write should fail with an error the statement
// reports, not kill the process.
signal(SIGXFSZ, SIG_IGN)
// A read fault in a damaged database's pages (SIGSEGV or SIGBUS) ends crm with a message and
// exit status 3, never a raw signal.
DamageReport.installFaultGuard()

let arguments = Array(CommandLine.arguments.dropFirst())
if let name = arguments.first, let command = CRM.subcommands[name] {
    command.main(Array(arguments.dropFirst()))
} else {
    CRM.main(arguments)
}
