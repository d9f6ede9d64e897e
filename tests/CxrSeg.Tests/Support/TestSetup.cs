using System.Runtime.CompilerServices;
using CxrSeg.Platform;

namespace CxrSeg.Tests.Support;

/// <summary>Loads the native libraries (with the Debian 12 fix where needed) before any test touches torch or gdcm.</summary>
internal static class TestSetup
{
    [ModuleInitializer]
    internal static void Init()
    {
        TorchRuntime.Initialize(_ => { });
        TorchSharp.torch.set_num_threads(Math.Max(1, Math.Min(2, Environment.ProcessorCount)));
    }
}
