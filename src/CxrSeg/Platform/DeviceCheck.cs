using TorchSharp;
using static TorchSharp.torch;

namespace CxrSeg.Platform;

/// <summary>One check and one message for every command that takes <c>--device</c>: CUDA asked for but not there.</summary>
public static class DeviceCheck
{
    /// <summary>
    /// Throws a <see cref="UserFacingException"/> naming <paramref name="device"/> when it is a CUDA device and this
    /// build or machine has none (or not that many); cpu always passes.
    /// </summary>
    public static void Require(string device)
    {
        if (!device.StartsWith("cuda", StringComparison.Ordinal)) return;
        TorchRuntime.Initialize();
        try { InitializeDeviceType(DeviceType.CUDA); }
        catch (Exception e) when (e is not OutOfMemoryException and not UserFacingException)
        {
            throw new UserFacingException($"--device {device}: no CUDA device is available (libtorch's CUDA backend did not load: this build or machine has none); use --device cpu", e);
        }
        if (!cuda.is_available()) throw new UserFacingException($"--device {device}: no CUDA device is available; use --device cpu");
        var colon = device.IndexOf(':');
        if (colon > 0 && int.TryParse(device[(colon + 1)..], out var index) && index >= cuda.device_count())
            throw new UserFacingException($"--device {device}: this machine has {cuda.device_count()} CUDA device(s) (cuda:0 … cuda:{cuda.device_count() - 1})");
    }
}
