using System.Text;
using SofaBot.Cli;

// Every verb runs inside the Generic Host (configuration, logging, services); see Cli/SofaBotCli.cs.
Console.OutputEncoding = Encoding.UTF8;
return await SofaBotCli.Build().Parse(args).InvokeAsync();
