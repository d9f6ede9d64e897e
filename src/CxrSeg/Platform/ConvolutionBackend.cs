using System.Reflection;
using System.Runtime.InteropServices;

namespace CxrSeg.Platform;

/// <summary>
/// Chooses which implementation runs libtorch's CPU convolutions: oneDNN (<c>onednn</c>, libtorch's default, its
/// instruction set chosen by <see cref="OneDnnIsa"/>) or libtorch's own im2col + matrix-multiply kernels
/// (<c>native</c>: oneDNN switched off through <c>at::Context::setUserEnabledMkldnn(false)</c>, the switch behind
/// PyTorch's <c>torch.backends.mkldnn.enabled</c>). Selected by <c>CXRSEG_CONV</c>; applied once libtorch is loaded.
/// </summary>
public static unsafe class ConvolutionBackend
{
    /// <summary>The environment variable that selects the backend.</summary>
    public const string EnvVar = "CXRSEG_CONV";

    /// <summary>The backends by name.</summary>
    public static readonly IReadOnlyList<string> Names = ["onednn", "native"];

    /// <summary>What was decided, for doctor, benchmarks and run.json.</summary>
    public static string Status { get; private set; } = "not applied";

    /// <summary>The backend in use: "onednn" or "native".</summary>
    public static string Current { get; private set; } = "onednn";

    /// <summary>Applies <c>CXRSEG_CONV</c> (called by <see cref="TorchRuntime.Initialize"/> after libtorch loads).</summary>
    public static void Apply()
    {
        var choice = (Environment.GetEnvironmentVariable(EnvVar) ?? "").Trim().ToLowerInvariant();
        if (choice is "" or "onednn")
        {
            Current = "onednn";
            Status = $"oneDNN, ISA {OneDnnIsa.Status}";
            return;
        }
        if (choice != "native")
            throw new UserFacingException($"{EnvVar}={choice}: unknown convolution backend (use {string.Join(" or ", Names)})");
        if (!TrySetOneDnn(false, out var why))
            throw new UserFacingException($"{EnvVar}=native: cannot switch oneDNN off in this libtorch ({why})");
        Current = "native";
        Status = $"libtorch native im2col + GEMM (oneDNN off, {EnvVar}=native)";
    }

    /// <summary>Whether libtorch will use oneDNN where it can; null when the switch cannot be reached.</summary>
    public static bool? OneDnnEnabled()
    {
        if (!Resolve(out var context, out _, out var getter, out _)) return null;
        return ((delegate* unmanaged[Cdecl]<IntPtr, byte>)getter)(context) != 0;
    }

    /// <summary>Turns oneDNN on or off for every later libtorch operation of this process.</summary>
    public static bool TrySetOneDnn(bool enabled, out string? why)
    {
        if (!Resolve(out var context, out var setter, out var getter, out why)) return false;
        ((delegate* unmanaged[Cdecl]<IntPtr, byte, void>)setter)(context, enabled ? (byte)1 : (byte)0);
        var now = ((delegate* unmanaged[Cdecl]<IntPtr, byte>)getter)(context) != 0;
        if (now == enabled) return true;
        why = "the flag did not change";
        return false;
    }

    // at::globalContext(), at::Context::setUserEnabledMkldnn(bool), at::Context::userEnabledMkldnn() const.
    private const string GlobalContext = "_ZN2at13globalContextEv";
    private const string SetMkldnn = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private const string GetMkldnn = "_ZNK2at7Context17userEnabledMkldnnEv";

    private static bool Resolve(out IntPtr context, out IntPtr setter, out IntPtr getter, out string? why)
    {
        context = setter = getter = IntPtr.Zero;
        var lib = LoadTorchCpu();
        if (lib == IntPtr.Zero)
        {
            why = "libtorch_cpu.so not found";
            return false;
        }
        if (!NativeLibrary.TryGetExport(lib, GlobalContext, out var global) || !NativeLibrary.TryGetExport(lib, SetMkldnn, out setter) ||
            !NativeLibrary.TryGetExport(lib, GetMkldnn, out getter))
        {
            why = "libtorch_cpu.so does not export at::Context's oneDNN switch";
            return false;
        }
        context = ((delegate* unmanaged[Cdecl]<IntPtr>)global)();
        why = null;
        return context != IntPtr.Zero;
    }

    private static IntPtr LoadTorchCpu()
    {
        if (!OperatingSystem.IsLinux()) return IntPtr.Zero;
        foreach (var dir in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(typeof(TorchSharp.torch).Assembly.Location) ?? "" })
        {
            var path = Path.Combine(dir, "libtorch_cpu.so");
            if (File.Exists(path) && NativeLibrary.TryLoad(path, out var h)) return h;
        }
        return NativeLibrary.TryLoad("libtorch_cpu.so", Assembly.GetExecutingAssembly(), DllImportSearchPath.SafeDirectories, out var any) ? any : IntPtr.Zero;
    }
}
