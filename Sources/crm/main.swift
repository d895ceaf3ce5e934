// The entry point: a subcommand by its name (`crm seed ...`), else the shell.
let arguments = Array(CommandLine.arguments.dropFirst())
if let name = arguments.first, let command = CRM.subcommands[name] {
    command.main(Array(arguments.dropFirst()))
} else {
    CRM.main(arguments)
}
