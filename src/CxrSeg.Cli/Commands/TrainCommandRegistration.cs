using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary>Registers <c>cxrseg train</c> with its generated settings type.</summary>
public static class TrainCommand
{
    /// <summary>Adds the <c>train</c> command to the configurator.</summary>
    public static ICommandConfigurator Register(IConfigurator configurator, string name)
    {
        var command = typeof(TrainCommand<>).MakeGenericType(TrainSettingsType.Type);
        var add = typeof(IConfigurator).GetMethod(nameof(IConfigurator.AddCommand))!.MakeGenericMethod(command);
        return (ICommandConfigurator)add.Invoke(configurator, [name])!;
    }
}
