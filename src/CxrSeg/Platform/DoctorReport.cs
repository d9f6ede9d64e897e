using System.Runtime.InteropServices;

namespace CxrSeg.Platform;

/// <summary>One line of the <c>doctor</c> report: a named item, its value, and whether it is healthy.</summary>
public sealed record DoctorItem(string Name, string Value, bool Ok);

/// <summary>Checks every piece the tool needs and measures the machine; the CLI renders the items.</summary>
public static class DoctorReport
{
    /// <summary>Collects the items. Never throws: a missing piece becomes an item with Ok = false.</summary>
    public static IReadOnlyList<DoctorItem> Collect(string workspace, bool measureGemm = true)
    {
        var items = new List<DoctorItem>
        {
            new(".NET", RuntimeInformation.FrameworkDescription + " (" + RuntimeInformation.RuntimeIdentifier + ")", true),
        };
        var torchOk = Try(items, "TorchSharp", () =>
        {
            TorchRuntime.Initialize(_ => { });
            return typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3) ?? "?";
        });
        if (torchOk)
        {
            items.Add(new("libtorch", TorchRuntime.LibTorchVersion, true));
            items.Add(new("native fix", TorchRuntime.FixStatus, true));
            items.Add(new("oneDNN ISA", OneDnnIsa.Status, true));
            items.Add(new("convolutions", ConvolutionBackend.Status, true));
            items.Add(new("malloc", MallocTuning.Status, true));
            items.Add(new("threads", $"{TorchSharp.torch.get_num_threads()} (of {Environment.ProcessorCount} logical cores)", true));
            var cuda = TorchSharp.torch.cuda.is_available();
            items.Add(new("devices", cuda ? $"cpu, cuda ({TorchSharp.torch.cuda.device_count()} device(s))" : "cpu (no CUDA device)", true));
            if (measureGemm)
                Try(items, "matmul fp32 2048²", () => $"{Gemm.MeasureGflops():F1} GFLOP/s");
        }
        Try(items, "GDCM", GdcmRuntime.Initialize);
        Try(items, "workspace free disk", () =>
        {
            var full = Path.GetFullPath(workspace);
            var probe = full;
            while (!Directory.Exists(probe)) probe = Path.GetDirectoryName(probe) ?? "/";
            var drive = new DriveInfo(probe);
            return $"{drive.AvailableFreeSpace / (1024.0 * 1024 * 1024):F1} GiB free at {full}";
        });
        return items;
    }

    private static bool Try(List<DoctorItem> items, string name, Func<string> probe)
    {
        try
        {
            items.Add(new(name, probe(), true));
            return true;
        }
        catch (Exception e)
        {
            var msg = e is TypeInitializationException { InnerException: { } inner } ? inner.Message : e.Message;
            items.Add(new(name, "MISSING: " + msg, false));
            return false;
        }
    }
}
