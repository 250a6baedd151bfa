using System.CommandLine;
using System.Text;
using SofaBot.Cli;

// Every verb runs inside the Generic Host (configuration, logging, services); see Cli/SofaBotCli.cs.
Console.OutputEncoding = Encoding.UTF8;
// the host handles SIGTERM and Ctrl-C itself (a graceful stop that finishes replies in flight), so the command line
// must not end the process on its own after its 2-second default
return await SofaBotCli.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
