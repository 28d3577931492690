// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";

/// @title PictorToken ($PICTOR)
/// @notice The reward token of Pictor.Grid. New tokens exist only through `settle`: every token in
///         circulation traces back to one settlement id, whose `Settled` event names the receipts
///         root the off-chain ledger paid for.
/// @dev Exactly-once minting is enforced here, not in the settler: the settler may crash, retry or
///      run twice (two grain activations), and a repeated settlement id is refused on chain.
contract PictorToken is ERC20, AccessControl {
    /// @notice Role allowed to call `settle`.
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @dev Settlement id => number of the block that minted it (0 = never settled). Storing the
    ///      block, not a flag, lets a reconciler fetch the `Settled` log from one block instead of
    ///      scanning the whole chain.
    mapping(bytes32 settlementId => uint256 blockNumber) private _settledAt;

    /// @notice A batch was minted. `total` is the sum of the amounts, `count` the number of lines.
    event Settled(bytes32 indexed settlementId, bytes32 receiptsRoot, uint256 total, uint256 count);

    /// @notice The settlement id was minted before; nothing was minted this time.
    error SettlementAlreadyRecorded(bytes32 settlementId);
    /// @notice The zero id is refused: it is what an uninitialised id looks like.
    error SettlementIdZero();
    /// @notice `recipients` and `amounts` differ in length.
    error SettlementLengthMismatch(uint256 recipients, uint256 amounts);
    /// @notice A settlement must pay at least one recipient.
    error SettlementEmpty();
    /// @notice Line `index` pays the zero address.
    error SettlementZeroRecipient(uint256 index);
    /// @notice Line `index` pays nothing, which points at a bug in the batch.
    error SettlementZeroAmount(uint256 index);
    /// @notice The constructor was given the zero address as admin.
    error AdminZero();

    /// @param admin Account that may grant and revoke roles.
    /// @param initialMinter Account granted MINTER_ROLE at deployment; the zero address grants none.
    constructor(address admin, address initialMinter) ERC20("Pictor", "PICTOR") {
        if (admin == address(0)) revert AdminZero();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        if (initialMinter != address(0)) _grantRole(MINTER_ROLE, initialMinter);
    }

    /// @notice Mints one settlement batch: `amounts[i]` (in 18-decimal base units) to `recipients[i]`.
    /// @dev Reverts, minting nothing, when the id was settled before or any line is invalid.
    /// @param settlementId Caller-chosen unique id of the batch (the ledger's batch key hashed).
    /// @param receiptsRoot Commitment (e.g. Merkle root) to the verified work receipts paid for.
    /// @param recipients Accounts credited, one per line.
    /// @param amounts Amounts credited, one per line.
    function settle(bytes32 settlementId, bytes32 receiptsRoot, address[] calldata recipients, uint256[] calldata amounts)
        external
        onlyRole(MINTER_ROLE)
    {
        if (settlementId == bytes32(0)) revert SettlementIdZero();
        if (_settledAt[settlementId] != 0) revert SettlementAlreadyRecorded(settlementId);
        uint256 count = recipients.length;
        if (count != amounts.length) revert SettlementLengthMismatch(count, amounts.length);
        if (count == 0) revert SettlementEmpty();

        // Record first: ERC20._mint makes no external calls, but the order keeps the guard obvious.
        _settledAt[settlementId] = block.number;

        uint256 total = 0;
        for (uint256 i = 0; i < count; ++i) {
            address recipient = recipients[i];
            uint256 amount = amounts[i];
            if (recipient == address(0)) revert SettlementZeroRecipient(i);
            if (amount == 0) revert SettlementZeroAmount(i);
            total += amount;
            _mint(recipient, amount);
        }

        emit Settled(settlementId, receiptsRoot, total, count);
    }

    /// @notice Whether `settlementId` has been minted.
    function isSettled(bytes32 settlementId) external view returns (bool) {
        return _settledAt[settlementId] != 0;
    }

    /// @notice Number of the block that minted `settlementId`, or 0 when it was never settled.
    function settledAtBlock(bytes32 settlementId) external view returns (uint256) {
        return _settledAt[settlementId];
    }
}
