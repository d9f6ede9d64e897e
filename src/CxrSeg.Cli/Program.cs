using CxrSeg.Cli;

return CliApp.Run(args);
