using System.Runtime.InteropServices;

namespace CxrSeg.Platform;

/// <summary>
/// Caps the instruction set oneDNN (libtorch's CPU convolution and matmul backend) may use, through its
/// environment variable <c>DNNL_MAX_CPU_ISA</c>, before libtorch loads.
/// On this project's reference VMs (AMD EPYC with AVX-512), oneDNN's AVX2 and AVX-512 convolution kernels
/// intermittently return NaN or wrong gradients when two threads run them (measured: 84–219 of 1,200 backward
/// passes of a two-conv net had NaN weight gradients); capped to AVX, 0 of 2,400, at the same matmul rate.
/// CPU families on which the full ISA passed the gradient checks (<see cref="CheckedCpu"/>) are not capped.
/// Set <c>CXRSEG_ONEDNN_ISA=native</c> to lift the cap, or to another oneDNN ISA name to choose one; a
/// <c>DNNL_MAX_CPU_ISA</c> already set by the user is respected.
/// </summary>
public static class OneDnnIsa
{
    /// <summary>The default cap.</summary>
    public const string DefaultCap = "AVX";

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    [DllImport("libc", EntryPoint = "getenv")]
    private static extern IntPtr GetEnv(string name);

    /// <summary>What was decided, for doctor and run.json.</summary>
    public static string Status { get; private set; } = "not applied";

    /// <summary>Applies the cap (Linux x64 only). Must run before the first libtorch call.</summary>
    public static void Apply()
    {
        if (!OperatingSystem.IsLinux() || RuntimeInformation.ProcessArchitecture != Architecture.X64)
        {
            Status = "native (not Linux x64)";
            return;
        }
        var existing = Marshal.PtrToStringAnsi(GetEnv("DNNL_MAX_CPU_ISA"));
        if (!string.IsNullOrEmpty(existing))
        {
            Status = $"{existing} (DNNL_MAX_CPU_ISA set by the user)";
            return;
        }
        var choice = Environment.GetEnvironmentVariable("CXRSEG_ONEDNN_ISA");
        if (string.Equals(choice, "native", StringComparison.OrdinalIgnoreCase))
        {
            Status = "native (CXRSEG_ONEDNN_ISA=native)";
            return;
        }
        if (string.IsNullOrEmpty(choice) && CheckedCpu.IsChecked(CheckedCpu.Current()) is { } family)
        {
            Status = $"native ({family}: gradient checks sound with the full ISA, docs/BENCH.md; CXRSEG_ONEDNN_ISA=AVX caps it)";
            return;
        }
        var cap = string.IsNullOrEmpty(choice) ? DefaultCap : choice.ToUpperInvariant();
        SetEnv("DNNL_MAX_CPU_ISA", cap, 1);
        Status = $"capped to {cap} (avoids NaN gradients of oneDNN's AVX2/AVX-512 kernels; CXRSEG_ONEDNN_ISA=native lifts it)";
    }
}
