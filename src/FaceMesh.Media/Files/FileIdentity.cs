using System.Runtime.InteropServices;

namespace FaceMesh.Media.Files;

/// <summary>
/// What a path finally names on disk: device and inode after every symbolic link is followed, so
/// two spellings, a symlink and a hard link of one file all compare equal. This is how an output
/// is told apart from an input; comparing path strings misses links.
/// </summary>
/// <param name="Device">The containing file system's device number.</param>
/// <param name="Inode">The file's number on that device.</param>
/// <param name="IsRegularFile">False for devices, pipes and sockets (e.g. /dev/null, a FIFO): those
/// are written in place, never replaced by a rename.</param>
public readonly partial record struct FileIdentity(ulong Device, ulong Inode, bool IsRegularFile)
{
    /// <summary>
    /// The identity of an existing file, or null when <paramref name="path"/> names nothing (a
    /// dangling link included). On Linux this is statx(2) through libc; elsewhere the path with
    /// its links resolved stands in for the inode, so hard links are only recognised on Linux.
    /// </summary>
    public static FileIdentity? Of(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (OperatingSystem.IsLinux()) return LinuxStat.Identity(path);
        string? resolved = ResolvedPath(path);
        if (resolved is null) return null;
        bool regular = File.Exists(resolved);
        return new FileIdentity(0, (ulong)StringComparer.Ordinal.GetHashCode(resolved) & uint.MaxValue, regular);
    }

    /// <summary>True when both paths exist and name the same file.</summary>
    public static bool AreSame(string first, string second) =>
        Of(first) is { } a && Of(second) is { } b && a.Device == b.Device && a.Inode == b.Inode
        && (OperatingSystem.IsLinux() || string.Equals(ResolvedPath(first), ResolvedPath(second), StringComparison.Ordinal));

    /// <summary>The full path with a final symbolic link (chain) followed; null if nothing is there.</summary>
    internal static string? ResolvedPath(string path)
    {
        string full = Path.GetFullPath(path);
        FileSystemInfo info = new FileInfo(full);
        if (info.LinkTarget is not null)
            info = File.ResolveLinkTarget(full, returnFinalTarget: true) ?? info;
        return info.Exists || Directory.Exists(info.FullName) ? info.FullName : null;
    }

    /// <summary>statx(2): its struct has one layout on every Linux architecture, unlike stat(2)'s.</summary>
    private static partial class LinuxStat
    {
        private const int AtCurrentDirectory = -100;
        private const uint WantTypeAndInode = 0x1 | 0x100; // STATX_TYPE | STATX_INO
        private const int StructSize = 0x100;
        private const int ModeOffset = 0x1C, InodeOffset = 0x20, DeviceMajorOffset = 0x88, DeviceMinorOffset = 0x8C;
        private const ushort TypeMask = 0xF000, RegularFile = 0x8000;

        public static unsafe FileIdentity? Identity(string path)
        {
            byte* buffer = stackalloc byte[StructSize];
            if (Statx(AtCurrentDirectory, path, 0, WantTypeAndInode, buffer) != 0) return null;
            ushort mode = *(ushort*)(buffer + ModeOffset);
            ulong inode = *(ulong*)(buffer + InodeOffset);
            ulong device = ((ulong)*(uint*)(buffer + DeviceMajorOffset) << 32) | *(uint*)(buffer + DeviceMinorOffset);
            return new FileIdentity(device, inode, (mode & TypeMask) == RegularFile);
        }

        [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
        private static unsafe partial int Statx(int directory, string path, int flags, uint mask, byte* result);
    }
}
