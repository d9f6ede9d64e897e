using System.ComponentModel;
using System.Reflection.Emit;
using System.Reflection;
using CxrSeg.Stages;
using Spectre.Console.Cli;

namespace CxrSeg.Cli.Commands;

/// <summary>
/// Builds, once, the settings type Spectre binds for <c>cxrseg train</c>: a subclass of <see cref="TrainSettings"/> with
/// one <c>[CommandOption]</c> property per option, in help order: <c>--task</c>, the request options, the other training
/// options of <see cref="TrainOptions.Table"/>, <c>--quiet</c>. Help lines and defaults come from the table.
/// </summary>
public static class TrainSettingsType
{
    private static readonly Lazy<Type> Built = new(Build);

    /// <summary>The generated settings type.</summary>
    public static Type Type => Built.Value;

    /// <summary>The property a table row binds to.</summary>
    public static string PropertyOf(StageOption row) => "Stage_" + row.Key;

    /// <summary>Every option of <c>train</c>, in help order.</summary>
    public static IReadOnlyList<CliOption> Options()
    {
        var rows = TrainOptions.Table.Where(r => r.Flag is not null)
            .Select(r => new CliOption(PropertyOf(r), r.Template!, r.CliType, r.CliHelp, r.CliDefault)).ToList();
        return [rows[0], .. TrainSettings.RequestOptions, .. rows.Skip(1), TrainSettings.QuietOption];
    }

    private static Type Build()
    {
        var assembly = AssemblyBuilder.DefineDynamicAssembly(new AssemblyName("CxrSeg.Cli.TrainSettings"), AssemblyBuilderAccess.Run);
        var type = assembly.DefineDynamicModule("TrainSettings")
            .DefineType("CxrSeg.Cli.Commands.GeneratedTrainSettings", TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.Class, typeof(TrainSettings));
        foreach (var option in Options()) AddProperty(type, option);
        return type.CreateType();
    }

    private static void AddProperty(TypeBuilder type, CliOption option)
    {
        var field = type.DefineField("_" + option.Property, option.Type, FieldAttributes.Private);
        var property = type.DefineProperty(option.Property, PropertyAttributes.None, option.Type, null);
        const MethodAttributes accessor = MethodAttributes.Public | MethodAttributes.SpecialName | MethodAttributes.HideBySig;
        var get = type.DefineMethod("get_" + option.Property, accessor, option.Type, Type.EmptyTypes);
        var il = get.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, field);
        il.Emit(OpCodes.Ret);
        var set = type.DefineMethod("set_" + option.Property, accessor, null, [option.Type]);
        il = set.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stfld, field);
        il.Emit(OpCodes.Ret);
        property.SetGetMethod(get);
        property.SetSetMethod(set);
        property.SetCustomAttribute(new CustomAttributeBuilder(typeof(CommandOptionAttribute).GetConstructor([typeof(string)])!, [option.Template]));
        property.SetCustomAttribute(new CustomAttributeBuilder(typeof(DescriptionAttribute).GetConstructor([typeof(string)])!, [option.Description]));
        if (option.Default is { } value)
            property.SetCustomAttribute(new CustomAttributeBuilder(typeof(DefaultValueAttribute).GetConstructor([value.GetType()])!, [value]));
    }
}
