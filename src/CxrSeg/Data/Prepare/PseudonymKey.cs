using System.Security.Cryptography;
using System.Text;

namespace CxrSeg.Data.Prepare;

/// <summary>
/// The per-workspace secret that keys patient pseudonyms: 32 random bytes in WORKSPACE/.cxrseg-secret/pseudonym.key
/// (owner-only permissions), created on first use and never copied into a cache, a report or any other output.
/// Pseudonyms are "p-" + the first 16 hex digits of HMAC-SHA256(key, PatientID): they group images of one patient the
/// same way inside a workspace, but without the key a list of candidate ids cannot be matched against them.
/// </summary>
public sealed class PseudonymKey
{
    private readonly byte[] _key;

    private PseudonymKey(byte[] key) => _key = key;

    /// <summary>The file holding the key of <paramref name="workspace"/>.</summary>
    public static string PathFor(string workspace) => Path.Combine(workspace, ".cxrseg-secret", "pseudonym.key");

    /// <summary>A key from bytes (tests).</summary>
    public static PseudonymKey FromBytes(byte[] key) => key.Length >= 16 ? new(key.ToArray()) : throw new ArgumentException("a pseudonym key needs at least 16 bytes");

    /// <summary>Reads the workspace's key, creating it (atomically; the first writer wins) when missing.</summary>
    public static PseudonymKey ForWorkspace(string workspace)
    {
        var path = PathFor(workspace);
        if (!File.Exists(path))
        {
            var dir = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(dir);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var tmp = Path.Combine(dir, $".pseudonym.key.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
            File.WriteAllText(tmp, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)) + "\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tmp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try { File.Move(tmp, path, overwrite: false); }
            catch (IOException) when (File.Exists(path)) { File.Delete(tmp); }
        }
        var text = File.ReadAllText(path).Trim();
        try
        {
            var key = Convert.FromHexString(text);
            if (key.Length < 16) throw new FormatException();
            return new PseudonymKey(key);
        }
        catch (FormatException)
        {
            throw new UserFacingException($"pseudonym key {path} is damaged: field 'key' is not at least 32 hex digits (delete it to make a new one; earlier caches then group patients under other pseudonyms)");
        }
    }

    /// <summary>A short fingerprint of the key (SHA-256 of it, 8 hex digits): enters the prep-id so caches made with different keys never mix; reveals nothing of the key.</summary>
    public string Fingerprint => Convert.ToHexStringLower(SHA256.HashData(_key))[..8];

    /// <summary>"p-" + the first 16 hex digits of HMAC-SHA256(key, <paramref name="patientId"/>).</summary>
    public string Pseudonym(string patientId) => "p-" + Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(patientId)))[..16];
}
