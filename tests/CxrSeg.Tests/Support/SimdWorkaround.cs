using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace CxrSeg.Tests.Support;

/// <summary>
/// On the development VM, libtorch's AVX2/AVX-512 CPU convolution backward intermittently returns NaN or wrong
/// weight gradients (docs/TRAINING.md, "Known platform problem"). Before any kernel runs, this restricts
/// ATen, oneDNN and MKL to SSE kernels through the native environment (read lazily by libtorch).
/// Set CXRSEG_SIMD=native to test with the full instruction set.
/// </summary>
internal static class SimdWorkaround
{
    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    [ModuleInitializer]
    internal static void Apply()
    {
        if (Environment.GetEnvironmentVariable("CXRSEG_SIMD") == "native" || !OperatingSystem.IsLinux()) return;
        SetEnv("ATEN_CPU_CAPABILITY", "default", 0);
        SetEnv("DNNL_MAX_CPU_ISA", "SSE41", 0);
        SetEnv("MKL_ENABLE_INSTRUCTIONS", "SSE4_2", 0);
    }
}
