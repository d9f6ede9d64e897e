using System.Collections;
using CxrSeg.Platform;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace CxrSeg.Models.Weights;

/// <summary>Reads and writes PyTorch state dicts (<c>.pth</c>/<c>.pt</c>, zip pickle format) and safetensors, via TorchSharp.PyBridge.</summary>
public static class StateDictFile
{
    /// <summary>Whether <paramref name="path"/> names a safetensors file (by extension); otherwise a PyTorch pickle.</summary>
    public static bool IsSafetensors(string path) => path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads every tensor of the file; a missing or unreadable file is a <see cref="UserFacingException"/> naming it.</summary>
    public static Dictionary<string, Tensor> Read(string path)
    {
        if (!File.Exists(path)) throw new UserFacingException($"weights file not found: {path}");
        try
        {
            if (IsSafetensors(path)) return Safetensors.LoadStateDict(path);
            var table = PyTorchUnpickler.UnpickleStateDict(path);
            var dict = new Dictionary<string, Tensor>(StringComparer.Ordinal);
            foreach (DictionaryEntry e in table)
                if (e.Key is string k && e.Value is Tensor t) dict[k] = t;
            return dict;
        }
        catch (Exception e) when (e is not UserFacingException)
        {
            throw new UserFacingException(
                $"cannot read weights file {path}: {e.Message} (expected a PyTorch state dict saved by torch.save in the zip format of torch ≥ 1.6, or a .safetensors file)", e);
        }
    }

    /// <summary>Writes tensors atomically, as safetensors or PyTorch pickle by the file's extension.</summary>
    public static void Write(string path, IReadOnlyDictionary<string, Tensor> tensors)
    {
        var dict = tensors.ToDictionary(kv => kv.Key, kv => kv.Value.detach().cpu().contiguous(), StringComparer.Ordinal);
        AtomicFile.Write(path, tmp =>
        {
            if (IsSafetensors(path)) Safetensors.SaveStateDict(tmp, dict);
            else PyTorchPickler.PickleStateDict(tmp, new Hashtable(dict));
        });
    }
}
